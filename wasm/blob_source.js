// A synchronous, chunked reader of a Blob or File for the wasm importer
// (Module.streakboxSource, see wasm/js_streams.h). FileReaderSync exists only
// in workers; reading slice by slice keeps memory flat however big the file.
// Each FileReaderSync call has a large fixed cost in Chromium (a 116 MB blob
// takes 8.7 s in 64 KiB slices, 3.1 s in 1 MiB slices), so the blob is read
// in SLICE-sized pieces and handed out from that buffer.
const SLICE = 1 << 20;

export class BlobSource {
  constructor(blob) {
    this.blob = blob;
    this.reader = new FileReaderSync();
    this.rewind();
  }

  size() {
    return this.blob.size;
  }

  rewind() {
    this.pos = 0;            // the blob offset of buffer[0]
    this.buffer = new Uint8Array(0);
    this.at = 0;             // the next byte to hand out, in buffer
  }

  /** Fills `view` from the current position; returns the bytes read (0 at the end). */
  read(view) {
    if (this.at === this.buffer.length) {
      const start = this.pos + this.buffer.length;
      const end = Math.min(start + SLICE, this.blob.size);
      if (end <= start) return 0;
      this.buffer = new Uint8Array(this.reader.readAsArrayBuffer(this.blob.slice(start, end)));
      this.pos = start;
      this.at = 0;
    }
    const n = Math.min(view.length, this.buffer.length - this.at);
    view.set(this.buffer.subarray(this.at, this.at + n));
    this.at += n;
    return n;
  }
}
