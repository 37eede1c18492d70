export * from './claim-number';
export * from './claim-projection.service';
export * from './claims.service';
export * from './tracking-code';
