export * from './errors';
export * from './tasks';
export * from './chat';
