// Wire<T> is a generated wailsjs model class (frontend/wailsjs/go/models.ts)
// as the plain data that arrives over the wire: its fields, nested, without
// the classes' convertValues method. Areas alias their wire types to it, so
// a field renamed in Go fails svelte-check here instead of reading undefined.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Method = Function;

export type Wire<T> = T extends (infer U)[]
  ? Wire<U>[]
  : T extends object
    ? { [K in keyof T as T[K] extends Method ? never : K]: Wire<T[K]> }
    : T;
