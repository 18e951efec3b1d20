-- Where the sandbox saved a file the bot sent (the digest workbook, a chart), so that the person
-- at the terminal can open it; null for a message of text alone.
ALTER TABLE sandbox_transcript ADD COLUMN file_path text;
