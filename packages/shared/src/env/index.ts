export * from './define';
export { backendEnv } from './backend';
export { frontendEnv } from './frontend';
