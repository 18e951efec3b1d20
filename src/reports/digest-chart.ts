import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import type { Resvg } from '@resvg/resvg-wasm';
import type { OutboundFile } from '../bot/message.ts';
import { t } from '../dialogs/messages/index.ts';
import type { BuildingTally } from './digest-buildings.ts';
import { fileNamePart } from './digest-file.ts';
import { digestHeading } from './digest-text.ts';
import type { DigestReport } from './staff-digest.ts';

/**
 * The digest of a scope of several buildings as a picture: per building, the registered residents,
 * and the day's check-ins split into answered, not yet reminded and missed. ECharts draws it as SVG
 * on the server and resvg turns that into a PNG, with a CJK font that comes with the npm package
 * @embedpdf/fonts-sc: the machine may have no Chinese font, and nothing is fetched at run time.
 *
 * Both are loaded when the first chart is drawn, and the font (one weight, 8 MB) is read once per
 * process and handed to resvg from memory: resvg's native build re-reads a font file from disk for
 * every glyph it looks up, about a thousand times 8 MB for one chart.
 */

/** The family name inside the font file, which the SVG asks for and resvg matches. */
const fontFamily = 'Noto Sans S Chinese';

/** Noto Sans Hans (OFL), the GB2312 characters: every building name and label of the chart. */
export function chartFontFile(): string {
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  return path.join(path.dirname(entry), '..', 'fonts', 'NotoSansHans-Regular.otf');
}

/** More bars than this would not be readable on a phone; the workbook's sheet of buildings still has them all. */
export const maxChartBuildings = 150;

const width = 800;
const rowHeight = 32;
const top = 112;
const bottom = 40;
/** Drawn at 1.5 times its size: sharp on a phone, still under the 1280 pixels Telegram keeps of a photo's width. */
const zoom = 1.5;

const colours = { residents: '#5470c6', answered: '#91cc75', awaiting: '#c8c8c8', missed: '#ee6666' };

/** A bar's number, left out where the bar is empty: a stacked zero would sit on its neighbour. */
const unlessZero = (params: { value?: unknown }) => (typeof params.value === 'number' && params.value > 0 ? String(params.value) : '');

interface ChartTools {
  echarts: typeof import('echarts/core');
  Resvg: typeof Resvg;
  font: Uint8Array;
}

let chartTools: Promise<ChartTools> | undefined;

/** ECharts, resvg and the font, loaded by the first chart of the process and kept for the next. */
function loadChartTools(): Promise<ChartTools> {
  chartTools ??= (async () => {
    const fontFile = chartFontFile();
    if (!fs.existsSync(fontFile)) throw new Error(`the chart's font is missing at ${fontFile}: run npm ci`);
    const [echarts, { BarChart }, { GridComponent, LegendComponent, TitleComponent }, { SVGRenderer }, resvg] = await Promise.all([
      import('echarts/core'),
      import('echarts/charts'),
      import('echarts/components'),
      import('echarts/renderers'),
      import('@resvg/resvg-wasm'),
    ]);
    echarts.use([BarChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);
    const font = new Uint8Array(await fs.promises.readFile(fontFile));
    const wasmFile = createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm');
    await resvg.initWasm(await fs.promises.readFile(wasmFile));
    return { echarts, Resvg: resvg.Resvg, font };
  })();
  // A failure is not kept: the next digest tries again (resvg is set up last, once it succeeds).
  chartTools.catch(() => (chartTools = undefined));
  return chartTools;
}

function chartSvg(echarts: ChartTools['echarts'], title: string, tallies: readonly BuildingTally[], lang: string): string {
  const labels = tallies.map((tally) => tally.label ?? t(lang, 'digest.chart.unplaced'));
  const height = top + tallies.length * rowHeight + bottom;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const left = { left: 160, width: 230 };
  const right = { left: 450, right: 40 };
  const checkin = (key: 'answered' | 'awaiting' | 'missed') => ({
    name: t(lang, `digest.chart.${key}`),
    type: 'bar' as const,
    stack: 'checkins',
    xAxisIndex: 1,
    yAxisIndex: 1,
    barWidth: 18,
    itemStyle: { color: colours[key] },
    label: { show: true, formatter: unlessZero, color: key === 'missed' ? '#ffffff' : '#222222' },
    data: tallies.map((tally) => tally[key]),
  });
  chart.setOption({
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily, fontWeight: 'normal' },
    title: [
      { text: title, left: 16, top: 12, textStyle: { fontSize: 18, fontWeight: 'normal', color: '#222222' } },
      { text: t(lang, 'digest.chart.residents'), left: left.left, top: 82, textStyle: { fontSize: 14, fontWeight: 'normal' } },
      { text: t(lang, 'digest.chart.checkins'), left: right.left, top: 82, textStyle: { fontSize: 14, fontWeight: 'normal' } },
    ],
    // The residents' bars are named by their panel's title; the legend tells the parts of a check-in bar apart.
    legend: {
      top: 50,
      right: right.right,
      itemWidth: 14,
      itemHeight: 12,
      itemGap: 16,
      textStyle: { fontSize: 13 },
      data: (['answered', 'awaiting', 'missed'] as const).map((key) => t(lang, `digest.chart.${key}`)),
    },
    grid: [
      { ...left, top, bottom },
      { ...right, top, bottom },
    ],
    xAxis: [
      { gridIndex: 0, type: 'value', minInterval: 1 },
      { gridIndex: 1, type: 'value', minInterval: 1 },
    ],
    yAxis: [
      { gridIndex: 0, type: 'category', inverse: true, data: labels, axisLabel: { fontSize: 13, width: 148, overflow: 'truncate' } },
      { gridIndex: 1, type: 'category', inverse: true, data: labels, axisLabel: { show: false } },
    ],
    series: [
      {
        name: t(lang, 'digest.chart.residents'),
        type: 'bar',
        xAxisIndex: 0,
        yAxisIndex: 0,
        barWidth: 18,
        itemStyle: { color: colours.residents },
        // Zero is shown here: a building where nobody has registered is news.
        label: { show: true, position: 'right' },
        data: tallies.map((tally) => tally.residents),
      },
      checkin('answered'),
      checkin('awaiting'),
      checkin('missed'),
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** The PNG of the digest's numbers per building; undefined for a scope of one building, or too many to draw. */
export async function digestChart(report: DigestReport, lang: string, timeZone: string): Promise<OutboundFile | undefined> {
  const tallies = report.buildings;
  if (tallies === null || tallies.length < 2 || tallies.length > maxChartBuildings) return undefined;
  const heading = digestHeading(report.digest, lang, timeZone);
  const { echarts, Resvg, font } = await loadChartTools();
  const svg = chartSvg(echarts, t(lang, 'digest.chart.title', { day: report.digest.day, ...heading }), tallies, lang);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    background: '#ffffff',
    font: { fontBuffers: [font], loadSystemFonts: false, defaultFontFamily: fontFamily, sansSerifFamily: fontFamily },
  });
  // The renderer's memory lives in WebAssembly, outside the garbage collector: freed by hand.
  try {
    const image = resvg.render();
    try {
      return {
        name: t(lang, 'digest.chart.name', { day: report.digest.day, scope: fileNamePart(heading.scope) }),
        mimeType: 'image/png',
        data: new Uint8Array(image.asPng()),
      };
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
