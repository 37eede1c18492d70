/**
 * The bank, as a port. HttpBankGateway speaks the protocol of apps/bank-sim; a production bank is another
 * adapter behind the same interface, or the same adapter pointed elsewhere (BANK_GATEWAY_URL): a configuration
 * change.
 */
export interface BankAccountRef {
  bankCode: string;
  accountNumber: string;
  holderName: string;
}

export type InquiryResult = { valid: true; holderName: string } | { valid: false; reason: string };

export interface TransferOrder {
  idempotencyKey: string;
  amount: number;
  account: BankAccountRef;
  /** shown on the statement: claim number and line */
  reference: string;
}

export type TransferOutcome =
  | { kind: 'COMPLETED'; bankTransferId: string; replayed: boolean }
  | { kind: 'INVALID_ACCOUNT'; reason: string };

/** Transient failures (5xx, time-outs, lost responses) throw; the activity's retry policy retries them. */
export interface PaymentGateway {
  inquire(account: Omit<BankAccountRef, 'holderName'>): Promise<InquiryResult>;
  transfer(order: TransferOrder): Promise<TransferOutcome>;
}

export const PAYMENT_GATEWAY = Symbol('PAYMENT_GATEWAY');

export class BankUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BankUnavailableError';
  }
}

/** The bank refused the order itself (a 4xx other than 408/429): asking again would get the same answer. */
export class BankRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BankRejectedError';
  }
}

export class HttpBankGateway implements PaymentGateway {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 3000,
    private readonly apiKey?: string,
  ) {}

  private async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: {
          'content-type': 'application/json',
          ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}),
          ...headers,
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new BankUnavailableError(
        `bank ${method} ${path}: ${(err as Error).name} ${(err as Error).message}`,
      );
    }
    const text = await res.text().catch(() => '');
    let json: Record<string, unknown> = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      throw new BankUnavailableError(`bank ${method} ${path}: unreadable response (${res.status})`);
    }
    if (res.status >= 500) throw new BankUnavailableError(`bank ${method} ${path}: ${res.status}`);
    return { status: res.status, json };
  }

  async inquire(account: { bankCode: string; accountNumber: string }): Promise<InquiryResult> {
    const { status, json } = await this.call('POST', '/v1/account-inquiry', account);
    if (status === 200 && json.valid === true)
      return { valid: true, holderName: String(json.holderName ?? '') };
    return { valid: false, reason: String(json.reason ?? `inquiry refused (${status})`) };
  }

  async transfer(order: TransferOrder): Promise<TransferOutcome> {
    const { status, json } = await this.call(
      'POST',
      '/v1/transfers',
      {
        amount: order.amount,
        bankCode: order.account.bankCode,
        accountNumber: order.account.accountNumber,
        holderName: order.account.holderName,
        reference: order.reference,
      },
      { 'idempotency-key': order.idempotencyKey },
    );
    if ((status === 200 || status === 201) && json.status === 'COMPLETED') {
      return { kind: 'COMPLETED', bankTransferId: String(json.transferId), replayed: status === 200 };
    }
    if (status === 422 && json.code === 'INVALID_ACCOUNT') {
      return { kind: 'INVALID_ACCOUNT', reason: String(json.message ?? 'invalid account') };
    }
    const code = typeof json.code === 'string' ? ` ${json.code}` : '';
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
      throw new BankRejectedError(`bank transfer: refused (${status}${code})`);
    }
    throw new BankUnavailableError(`bank transfer: unexpected ${status}${code}`);
  }
}
