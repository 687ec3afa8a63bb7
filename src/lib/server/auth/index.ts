export * from './accounts';
export * from './directory';
export * from './identifier';
export * from './password';
export * from './reset';
export * from './roles';
export * from './session';
