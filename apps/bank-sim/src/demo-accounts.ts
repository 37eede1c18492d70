import type { BankAccount } from './bank-sim';

/**
 * The accounts the bank simulator opens at start-up under `npm start` and `npm run bank-sim`, so the demo can pay
 * someone: the simulator, like a bank, only knows accounts that were opened (README, "The bank simulator"). The
 * numbers are the ones the README and the tests use; any other account is opened with `POST /v1/accounts`.
 */
export const DEMO_BANK_ACCOUNTS: readonly BankAccount[] = [
  { bankCode: 'BNI', accountNumber: '1234567890', holderName: 'Siti Aminah' },
  { bankCode: 'BNI', accountNumber: '9876543210', holderName: 'Ahli Waris' },
  { bankCode: 'BRI', accountNumber: '3344556677', holderName: "Ma'ruf Hidayat" },
  { bankCode: 'BNI', accountNumber: '1122334455', holderName: 'Budi Santoso' },
  { bankCode: 'MANDIRI', accountNumber: '5566778899', holderName: 'Muhammad Ridwan' },
];
