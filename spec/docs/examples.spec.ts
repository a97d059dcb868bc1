/**
 * Every public export of every entry point carries TSDoc with an example (the docs are generated
 * from it), and an example that imports the name imports it from the entry point that exports it.
 */
import * as path from 'node:path';
import ts from 'typescript';
import { ENTRIES } from '../../scripts/entries.mjs';

const root = path.resolve(__dirname, '../..');
const specifierOf = (subpath: string) => (subpath === '.' ? 'openai-realtime-rx' : `openai-realtime-rx/${subpath.slice(2)}`);

const audit = (source: string, subpath: string): { withoutExample: string[]; wrongImport: string[] } => {
  const entry = path.join(root, 'lib', `${source}.ts`);
  const program = ts.createProgram([entry], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(entry);
  const moduleSymbol = file && checker.getSymbolAtLocation(file);
  if (!moduleSymbol) throw new Error(`${entry} has no exports`);
  const withoutExample: string[] = [];
  const wrongImport: string[] = [];
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    const name = symbol.getName();
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const tags = target.getJsDocTags(checker);
    const docs = ts.displayPartsToString(target.getDocumentationComment(checker));
    const examples = tags.filter((t) => t.name === 'example').map((t) => ts.displayPartsToString(t.text));
    const seeAlso = tags.some((t) => t.name === 'see');
    if (examples.length === 0 && !(seeAlso && docs === '')) withoutExample.push(name);
    for (const example of examples) {
      for (const [, names, from] of example.matchAll(/import (?:type )?\{([^}]*)\} from '(openai-realtime-rx[^']*)'/g)) {
        const imported = names!.split(',').map((n) => n.trim().replace(/^type /, ''));
        if (imported.includes(name) && from !== specifierOf(subpath)) wrongImport.push(`${name} (imports from '${from}')`);
      }
    }
  }
  return { withoutExample: withoutExample.sort(), wrongImport: wrongImport.sort() };
};

describe('public API documentation', () => {
  it.each(ENTRIES.map((e) => [e.subpath, e.source]))('gives every export of %s an @example that imports it from there', (subpath, source) => {
    expect(audit(source, subpath)).toEqual({ withoutExample: [], wrongImport: [] });
  }, 60_000);
});
