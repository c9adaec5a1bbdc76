export * from './errors';
export * from './page';
export * from './tasks';
export * from './chat';
