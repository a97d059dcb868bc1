/**
 * The API report of an entry point: its export names, sorted, each with its kinds, one per line,
 * e.g. `RealtimeClient: value class`, `ApiKey: type alias`, `AudioFormat: value const, type alias`.
 * Read from the sources with the TypeScript checker, so it needs no build.
 */
import * as path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');

const valueKind = (flags: ts.SymbolFlags, declaration: ts.Declaration | undefined): string | undefined => {
  if (flags & ts.SymbolFlags.Class) return 'class';
  if (flags & ts.SymbolFlags.Function) return 'function';
  if (flags & ts.SymbolFlags.Enum) return 'enum';
  if (flags & ts.SymbolFlags.Variable) {
    const list = declaration?.parent;
    return list && ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const ? 'const' : 'let';
  }
  return undefined;
};

const typeKind = (flags: ts.SymbolFlags): string | undefined => {
  if (flags & ts.SymbolFlags.Interface) return 'interface';
  if (flags & ts.SymbolFlags.TypeAlias) return 'alias';
  return undefined;
};

const isTypeOnlyExport = (symbol: ts.Symbol): boolean =>
  (symbol.declarations ?? []).some((d) => ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly));

/** The report of lib/<source>.ts: one line per export, sorted by name. */
export function reportOf(source: string): string {
  const file = path.join(root, 'lib', `${source}.ts`);
  const program = ts.createProgram([file], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const sourceFile = program.getSourceFile(file);
  const moduleSymbol = sourceFile && checker.getSymbolAtLocation(sourceFile);
  if (!moduleSymbol) throw new Error(`cannot read the exports of ${file}`);
  const lines = checker.getExportsOfModule(moduleSymbol).map((symbol) => {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const typeOnly = isTypeOnlyExport(symbol);
    const kinds: string[] = [];
    const value = valueKind(target.flags, target.valueDeclaration ?? target.declarations?.[0]);
    if (value) kinds.push(typeOnly ? `type (of ${value})` : `value ${value}`);
    const type = typeKind(target.flags);
    if (type) kinds.push(`type ${type}`);
    if (kinds.length === 0) throw new Error(`${source}: cannot tell the kind of ${symbol.getName()}`);
    return `${symbol.getName()}: ${kinds.join(', ')}`;
  });
  return lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join('\n') + '\n';
}

/** The names a report lists as run-time values (what `require()` returns). */
export const valueNames = (report: string): string[] =>
  report
    .split('\n')
    .filter((line) => / value /.test(` ${line.split(': ')[1] ?? ''} `))
    .map((line) => line.split(':')[0]!)
    .sort();
