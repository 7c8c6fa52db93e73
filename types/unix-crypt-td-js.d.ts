declare module 'unix-crypt-td-js' {
  /** Traditional DES crypt(3): `crypt(password, salt)`, salt = 2 characters of [./0-9A-Za-z]; reads up to 8 bytes. */
  export default function crypt(password: string | number[], salt: string | number[]): string;
}
