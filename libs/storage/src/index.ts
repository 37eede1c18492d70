export * from './file-type';
export * from './storage';
