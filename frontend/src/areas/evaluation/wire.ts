// Plain<T> is a generated Wails model class (wailsjs/go/models.ts) without
// its methods: the JSON shape the Go side sends and reads. Values built in
// the window are Plain; a renamed Go field fails svelte-check here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Method = (...args: any[]) => any;

export type Plain<T> = T extends (infer U)[]
  ? Plain<U>[]
  : T extends object
    ? { [K in keyof T as T[K] extends Method ? never : K]: Plain<T[K]> }
    : T;
