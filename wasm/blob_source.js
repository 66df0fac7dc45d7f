// A synchronous, chunked reader of a Blob or File for the wasm importer
// (Module.streakboxSource, see wasm/js_streams.h). FileReaderSync exists only
// in workers; reading slice by slice keeps memory flat however big the file.
export class BlobSource {
  constructor(blob) {
    this.blob = blob;
    this.pos = 0;
    this.reader = new FileReaderSync();
  }

  size() {
    return this.blob.size;
  }

  rewind() {
    this.pos = 0;
  }

  /** Fills `view` from the current position; returns the bytes read (0 at the end). */
  read(view) {
    const end = Math.min(this.pos + view.length, this.blob.size);
    if (end <= this.pos) return 0;
    const bytes = new Uint8Array(this.reader.readAsArrayBuffer(this.blob.slice(this.pos, end)));
    view.set(bytes);
    this.pos = end;
    return bytes.length;
  }
}
