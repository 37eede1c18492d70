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

/** `holderName`: the name the bank has for the account, as the bank spells it ('' when it returned none). */
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

/**
 * Transient failures (5xx, 408, 429, time-outs, lost or unreadable responses) throw BankUnavailableError; the
 * activity's retry policy retries them. A 4xx that is not one of the protocol's answers throws BankRejectedError:
 * the bank refused the request as sent, and sending it again cannot succeed.
 */
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

/** The bank refused the request itself (a 4xx outside the protocol's answers): not retryable. */
export class BankRejectedError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'BankRejectedError';
  }
}

/** 408 Request Timeout and 429 Too Many Requests: the bank asks to try again later. */
const TRANSIENT_4XX = new Set([408, 429]);

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
    if (res.status >= 500 || TRANSIENT_4XX.has(res.status)) {
      throw new BankUnavailableError(`bank ${method} ${path}: ${res.status}`);
    }
    return { status: res.status, json };
  }

  /** An answer outside the protocol: a 4xx is the bank refusing the request, anything else is transient. */
  private unexpected(what: string, status: number, json: Record<string, unknown>): Error {
    const code = typeof json.code === 'string' ? json.code : undefined;
    if (status >= 400 && status < 500) {
      return new BankRejectedError(`bank ${what}: rejected ${status}${code ? ` ${code}` : ''}`, status, code);
    }
    return new BankUnavailableError(`bank ${what}: unexpected ${status}${code ? ` ${code}` : ''}`);
  }

  async inquire(account: { bankCode: string; accountNumber: string }): Promise<InquiryResult> {
    const { status, json } = await this.call('POST', '/v1/account-inquiry', account);
    if (status !== 200) throw this.unexpected('inquiry', status, json);
    if (json.valid === true) {
      return { valid: true, holderName: typeof json.holderName === 'string' ? json.holderName : '' };
    }
    return { valid: false, reason: String(json.reason ?? 'account inquiry: invalid account') };
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
    throw this.unexpected('transfer', status, json);
  }
}
