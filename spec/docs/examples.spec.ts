/**
 * Every public export carries TSDoc with an example (the docs are generated from it).
 */
import * as path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');

const exportsWithoutExample = (entry: string): string[] => {
  const program = ts.createProgram([path.join(root, entry)], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(path.join(root, entry));
  if (!source) throw new Error(`cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${entry} has no exports`);
  return checker
    .getExportsOfModule(moduleSymbol)
    .filter((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const tags = target.getJsDocTags(checker);
      const docs = ts.displayPartsToString(target.getDocumentationComment(checker));
      const seeAlso = tags.some((t) => t.name === 'see');
      return !tags.some((t) => t.name === 'example') && !(seeAlso && docs === '');
    })
    .map((s) => s.getName())
    .sort();
};

describe('public API documentation', () => {
  it('gives every export of the root entry an @example', () => {
    expect(exportsWithoutExample('lib/index.ts')).toEqual([]);
  });

  it('gives every export of the audio entry an @example', () => {
    expect(exportsWithoutExample('lib/audio/exports.ts')).toEqual([]);
  });

  it('gives every export of the testing entry an @example', () => {
    expect(exportsWithoutExample('lib/testing/index.ts')).toEqual([]);
  });
});
