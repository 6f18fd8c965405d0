// Stand-ins for `trailbase-wasm/kv` and `trailbase-wasm/fs`. Importing them works so the
// module loads; calling them fails the job with a message naming the missing host API.
function unavailable(api: string): never {
  throw new Error(`${api} is not available in trailcron; it needs TrailBase's WASM host`);
}

export class Store {
  static open(): Store {
    return unavailable('trailbase-wasm/kv');
  }
}

export function open(): Store {
  return unavailable('trailbase-wasm/kv');
}

export function readFileSync(path: string): Uint8Array {
  return unavailable(`trailbase-wasm/fs readFileSync('${path}')`);
}
