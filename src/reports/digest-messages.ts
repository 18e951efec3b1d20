import type { OutboundFile } from '../bot/message.ts';
import type { Logger } from '../log.ts';
import { t } from '../dialogs/messages/index.ts';
import { digestChart } from './digest-chart.ts';
import { digestWorkbook } from './digest-file.ts';
import { digestHeading, digestText } from './digest-text.ts';
import { noticesSection } from './digest-notices.ts';
import type { DigestReport } from './staff-digest.ts';
import { errorMessage } from '../errors.ts';

export interface DigestMessage {
  text: string;
  file: OutboundFile;
}

/**
 * What a staff member is sent: the text (what is read on a phone) with the workbook of the full
 * lists attached, always, so that staff know where to find the whole list; then, for a scope of
 * several buildings, the chart as a photo of its own. Telegram shows a photo only as a message of
 * its own, and a photo right after the text reads as the picture of the same numbers.
 *
 * A chart that cannot be drawn is left out, never the digest; why is logged.
 */
export async function digestMessages(
  report: DigestReport,
  lang: string,
  timeZone: string,
  log: Pick<Logger, 'warn'>,
): Promise<DigestMessage[]> {
  const text = [digestText(report.digest, lang, timeZone), ...noticesSection(report.notices ?? [], lang)].join('\n');
  const messages: DigestMessage[] = [{ text, file: await digestWorkbook(report, lang, timeZone) }];
  try {
    const chart = await digestChart(report, lang, timeZone);
    if (chart) {
      const heading = digestHeading(report.digest, lang, timeZone);
      messages.push({ text: t(lang, 'digest.chart.caption', { day: report.digest.day, ...heading }), file: chart });
    }
  } catch (error) {
    const reason = errorMessage(error);
    log.warn({ day: report.digest.day, reason }, 'the digest chart could not be drawn; the digest went without it');
  }
  return messages;
}
