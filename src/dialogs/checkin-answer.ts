import { normalize } from './answers/index.ts';

/** A daily check-in as people answer it: 36.5 无, 体温36.8 没有不舒服, 37.6 有点咳嗽. */
export interface CheckinAnswer {
  temperature: number;
  /** What the person feels, or null when they say they are well. */
  symptoms: string | null;
}

const temperaturePattern = /(?<![\d.])(3[4-9]|4[0-2])(?:[.。点](\d))?(?![\d])\s*(?:度|℃|°C?)?/u;
const wellWords = /^(?:无|没有|没|正常|无不适|没有不舒服|没不舒服|都好|挺好|很好|良好|身体正常|一切正常|没有症状|无症状|none|no|fine|ok|good|normal|well)$/i;
/** A fever from this temperature on, as the committees of 2020-2022 counted it. */
export const feverFrom = 37.3;

export function readCheckinAnswer(text: string): CheckinAnswer | null {
  const normalized = normalize(text);
  const match = temperaturePattern.exec(normalized);
  if (!match) return null;
  const temperature = Number(`${match[1]}.${match[2] ?? '0'}`);
  const rest = (normalized.slice(0, match.index) + ' ' + normalized.slice(match.index + match[0].length))
    .replace(/体温|温度|今天|是|，|,|。|、|;|；/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const symptoms = rest === '' || wellWords.test(rest) ? null : rest.slice(0, 200);
  return { temperature, symptoms };
}

export const isAbnormal = (answer: CheckinAnswer) => answer.temperature >= feverFrom || answer.symptoms !== null;
