export * from './connection';
export * from './workflow-bundle';
