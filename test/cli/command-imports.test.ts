import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * What a command loads before it runs: the packages reached from its module through imports that
 * are not type-only and not dynamic. A chat platform's library, the workbook writer, the chart
 * renderer and the model client must be loaded where they are used, never by every command.
 */
const root = path.resolve(import.meta.dirname, '../..');

function isTypeOnly(declaration: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(declaration)) {
    if (declaration.isTypeOnly) return true;
    const clause = declaration.exportClause;
    return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((element) => element.isTypeOnly);
  }
  const clause = declaration.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && !isTypeOnly(statement)) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** The packages loaded with `entry`, each with one chain of files that brings it in. */
function packagesLoadedBy(entry: string): Map<string, string[]> {
  const start = path.join(root, entry);
  const cameFrom = new Map<string, string | undefined>([[start, undefined]]);
  const packages = new Map<string, string[]>();
  const queue = [start];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('.')) {
        const target = path.resolve(path.dirname(file), specifier);
        if (!cameFrom.has(target) && fs.existsSync(target)) {
          cameFrom.set(target, file);
          queue.push(target);
        }
        continue;
      }
      if (specifier.startsWith('node:')) continue;
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
      if (packages.has(name)) continue;
      const chain: string[] = [];
      for (let at: string | undefined = file; at !== undefined; at = cameFrom.get(at)) chain.push(path.relative(root, at));
      packages.set(name, chain);
    }
  }
  return packages;
}

const loadedWhereUsed = ['wechaty', 'grammy', '@grammyjs/runner', '@grammyjs/auto-retry', 'file-box', 'qrcode', 'exceljs', 'echarts', '@resvg/resvg-wasm', '@embedpdf/fonts-sc', '@langchain/openai', '@langchain/core', 'openai'];

function heavyPackagesOf(entry: string): Record<string, string> {
  const loaded = packagesLoadedBy(entry);
  return Object.fromEntries(loadedWhereUsed.filter((name) => loaded.has(name)).map((name) => [name, loaded.get(name)!.join(' <- ')]));
}

describe('what a command loads', () => {
  it('`linli --help` loads the command list and nothing of the commands', () => {
    expect([...packagesLoadedBy('src/cli/main.ts').keys()].sort()).toEqual(['commander']);
  });

  it('`linli sim` and `linli start` load no chat platform, workbook, chart or model library until one is used', () => {
    expect(heavyPackagesOf('src/cli/sim.ts')).toEqual({});
    expect(heavyPackagesOf('src/cli/start.ts')).toEqual({});
  });

  it('finds a library reached through a chain of files, so that the checks above can fail', () => {
    expect(heavyPackagesOf('src/bot/channels/telegram.ts')).toHaveProperty('grammy');
    expect(heavyPackagesOf('src/bot/channels/wechat.ts')).toHaveProperty('wechaty');
  });
});
