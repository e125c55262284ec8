/** Opaque secrets: the session-signing key and API / invitation tokens (random, stored only as SHA-256). */
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: for the session-signing secret. */
export const generateSecret = (): string => randomBytes(32).toString('base64url');

/** A new token with a recognisable prefix (`oc_` API tokens, `oci_` invitations) and 32 random bytes. */
export const generateToken = (prefix: string): string => `${prefix}${randomBytes(32).toString('base64url')}`;

/** What the database stores of a token: its SHA-256, hex. A random 256-bit token needs no slow hash. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
