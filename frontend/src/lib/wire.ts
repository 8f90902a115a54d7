// The generated classes of wailsjs/go/models.ts describe what crosses the
// wire, but as classes: some carry a convertValues method that JSON arriving
// from Go (and plain objects the page builds) do not have. Wire<T> is the
// data of such a class, field by field, recursively, without its methods:
// the page types its values with it, so a field renamed on the Go side fails
// svelte-check here too.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Method = (...args: any[]) => any;

/** The fields of a generated class T, recursively, without its methods. */
export type Wire<T> = T extends Method
  ? never
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T as T[K] extends Method ? never : K]: Wire<T[K]> }
      : T;
