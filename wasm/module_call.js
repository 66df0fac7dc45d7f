// One call into the wasm module's call surface with its files: the worker and
// the Node tests both call the module through this, so the way a source, a
// sink and progress reach App::Call (wasm/js_streams.h) is written once.
//
//   callModule(module, sb, method, args, {source, collect, progress})
//     source:   {size(), rewind(), read(Uint8Array) -> n} (wasm/blob_source.js), or null
//     collect:  true to gather what the call writes
//     progress: fn(fraction) or null
//   -> the envelope {ok, value} | {ok: false, error}, plus `bytes` (a Uint8Array
//      of everything written) when collect is set and the call succeeded.
export function callModule(module, sb, method, args = [], { source = null, collect = false, progress = null } = {}) {
  const chunks = [];
  module.streakboxSource = source;
  module.streakboxSink = collect ? (chunk) => chunks.push(chunk) : null;
  module.streakboxProgress = progress;
  try {
    const r = JSON.parse(sb.call(method, JSON.stringify(args)));
    if (collect && r.ok) {
      const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        bytes.set(c, at);
        at += c.length;
      }
      r.bytes = bytes;
    }
    return r;
  } finally {
    module.streakboxSource = null;
    module.streakboxSink = null;
    module.streakboxProgress = null;
  }
}
