import { Init1763900000000 } from './1763900000000-Init';
import { Coverage1763900100000 } from './1763900100000-Coverage';
import { ClaimLifecycle1763900200000 } from './1763900200000-ClaimLifecycle';
import { Auth1763900300000 } from './1763900300000-Auth';
import { ApiSupport1763900400000 } from './1763900400000-ApiSupport';
import { IdempotencyResponseText1763900500000 } from './1763900500000-IdempotencyResponseText';
import { FilingFunction1763900700000 } from './1763900700000-FilingFunction';
import { RegistryCodesCollationC1763900800000 } from './1763900800000-RegistryCodesCollationC';
import { RegistryChecksWithoutRegex1763900900000 } from './1763900900000-RegistryChecksWithoutRegex';
import { FilingOnce1763901000000 } from './1763901000000-FilingOnce';
import { RegistryNikBigint1763901100000 } from './1763901100000-RegistryNikBigint';
import { RegistryDigitChecksOnBytes1763901200000 } from './1763901200000-RegistryDigitChecksOnBytes';
import { ClaimChildIndexes1763901300000 } from './1763901300000-ClaimChildIndexes';
import { FilingBatch1763901400000 } from './1763901400000-FilingBatch';
import { FilingInOneFunction1763901500000 } from './1763901500000-FilingInOneFunction';
import { PaymentLedger1763901600000 } from './1763901600000-PaymentLedger';
import { ReopenOnce1763901700000 } from './1763901700000-ReopenOnce';
import { BankHolderName1763901800000 } from './1763901800000-BankHolderName';

/** Every migration, in order. synchronize is off everywhere: the schema changes only through these. */
export const MIGRATIONS = [
  Init1763900000000,
  Coverage1763900100000,
  ClaimLifecycle1763900200000,
  Auth1763900300000,
  ApiSupport1763900400000,
  IdempotencyResponseText1763900500000,
  FilingFunction1763900700000,
  RegistryCodesCollationC1763900800000,
  RegistryChecksWithoutRegex1763900900000,
  FilingOnce1763901000000,
  RegistryNikBigint1763901100000,
  RegistryDigitChecksOnBytes1763901200000,
  ClaimChildIndexes1763901300000,
  FilingBatch1763901400000,
  FilingInOneFunction1763901500000,
  PaymentLedger1763901600000,
  ReopenOnce1763901700000,
  BankHolderName1763901800000,
];
