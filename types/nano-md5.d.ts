declare module 'nano-md5' {
  /** crypt(3) MD5 ($1$): `crypt(password, '$1$salt$')` */
  export function crypt(key: string, setting: string): string;
  export function salt(n?: number): string;
}
