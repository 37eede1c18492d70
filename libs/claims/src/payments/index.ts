export * from './account-crypto';
export * from './payment-gateway';
export * from './payments.service';
