/**
 * How large an .xlsx (a ZIP archive) says it is once unpacked, read from its central directory
 * without unpacking anything: a few megabytes of workbook can hold hundreds of megabytes of sheet,
 * which would fill the memory of the process that opens it.
 */

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const END_RECORD_LENGTH = 22;
const ENTRY_LENGTH = 46;
/** The end record is followed by a comment of at most this many bytes. */
const MAX_COMMENT = 0xffff;
/** ZIP64 marks sizes that do not fit in 32 bits with this value. */
const ZIP64_MARK = 0xffffffff;

function endOfDirectory(view: DataView): number | undefined {
  const last = view.byteLength - END_RECORD_LENGTH;
  for (let offset = last; offset >= Math.max(0, last - MAX_COMMENT); offset--) {
    if (view.getUint32(offset, true) === END_OF_DIRECTORY) return offset;
  }
  return undefined;
}

/**
 * The sum of the unpacked sizes of the archive's entries; Infinity for an archive too large to
 * say (ZIP64); undefined when the bytes are no readable ZIP archive.
 */
export function unpackedSize(data: Uint8Array): number | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const end = endOfDirectory(view);
  if (end === undefined) return undefined;
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  let total = 0;
  for (let entry = 0; entry < entries; entry++) {
    if (offset + ENTRY_LENGTH > view.byteLength || view.getUint32(offset, true) !== DIRECTORY_ENTRY) return undefined;
    const size = view.getUint32(offset + 24, true);
    if (size === ZIP64_MARK) return Number.POSITIVE_INFINITY;
    total += size;
    offset += ENTRY_LENGTH + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return total;
}
