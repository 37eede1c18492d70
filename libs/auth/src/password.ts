import bcrypt from 'bcryptjs';

/** bcrypt cost: about 100 ms per hash on this hardware, a balance between login latency and brute force. */
const COST = 11;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummy: Promise<string> | undefined;
/** Compared against when the user does not exist, so that a wrong user name takes as long as a wrong password. */
export function dummyHash(): Promise<string> {
  dummy ??= bcrypt.hash('sigap-no-such-user', COST);
  return dummy;
}
