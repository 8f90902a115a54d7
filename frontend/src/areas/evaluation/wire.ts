// Plain<T> is a generated Wails model class (wailsjs/go/models.ts) without
// its methods: the JSON shape the Go side sends and reads (lib/wire's Wire).
export type { Wire as Plain } from '../../lib/wire';
