export * from './env';
export * from './logging';
