export * from './errors';
export * from './page';
export * from './tasks';
export * from './chat';
export * from './timezone';
export * from './activity';
export * from './settings';
export * from './tokens';
