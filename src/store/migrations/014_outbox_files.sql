-- A message may carry a file (a digest as a workbook, a chart as a picture). Its bytes are kept
-- encrypted beside the text, since a digest names residents.
ALTER TABLE outbox
  ADD COLUMN file_name text,
  ADD COLUMN file_mime_type text,
  ADD COLUMN file_enc text;
