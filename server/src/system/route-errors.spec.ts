import { join, resolve } from 'node:path';
import { beforeAll, expect, it } from '@jest/globals';
import { ErrorCode, routes, type RouteName } from '@jianban/shared';
import * as ts from 'typescript';
import { ROUTE_ERRORS } from './route-errors';

// ROUTE_ERRORS (what the API document lists per route besides the codes of the route's shape) must be what the
// server's code can throw for that route: from each controller method bound with @Endpoint(routes.x), every function,
// method and constructor of server/src it calls or refers to, transitively, and each `ErrorCode.X` they mention.
// Calls through a port (an abstract method) stop there: adapters answer with results, the service maps them to codes.
const serverDir = resolve(__dirname, '../..');
const srcDir = join(serverDir, 'src') + '/';

function deriveRouteErrors(): Record<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(join(serverDir, 'tsconfig.build.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } })!;
  const program = ts.createProgram({ rootNames: config.fileNames, options: { ...config.options, noEmit: true } });
  const checker = program.getTypeChecker();
  const ours = (node: ts.Node) => node.getSourceFile().fileName.startsWith(srcDir);

  // the function-like declarations of server/src an expression can reach
  function targets(node: ts.Node): ts.Node[] {
    let sym = checker.getSymbolAtLocation(node);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
    const out: ts.Node[] = [];
    for (const d of sym?.declarations ?? []) {
      if (!ours(d)) continue;
      if (ts.isClassDeclaration(d)) out.push(...d.members.filter(ts.isConstructorDeclaration));
      else if (ts.isVariableDeclaration(d) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) out.push(d.initializer);
      else if (ts.isPropertyDeclaration(d) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) out.push(d.initializer);
      else if (ts.isFunctionLike(d) && 'body' in d && d.body) out.push(d);
    }
    return out;
  }

  function codesOf(entry: ts.Node): string[] {
    const seen = new Set<ts.Node>();
    const codes = new Set<string>();
    const queue: ts.Node[] = [entry];
    while (queue.length) {
      const fn = queue.pop()!;
      if (seen.has(fn)) continue;
      seen.add(fn);
      const visit = (n: ts.Node): void => {
        if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'ErrorCode') codes.add(n.name.text);
        if (ts.isPropertyAccessExpression(n)) queue.push(...targets(n.name));
        else if (ts.isIdentifier(n)) queue.push(...targets(n));
        else if (ts.isNewExpression(n)) queue.push(...targets(n.expression));
        ts.forEachChild(n, visit);
      };
      const body = (fn as ts.FunctionLikeDeclaration).body;
      if (body) visit(body);
    }
    return [...codes].sort();
  }

  const derived: Record<string, string[]> = {};
  for (const sf of program.getSourceFiles()) {
    if (!sf.fileName.startsWith(srcDir) || !sf.fileName.endsWith('.controller.ts')) continue;
    const walk = (n: ts.Node): void => {
      if (ts.isMethodDeclaration(n)) {
        for (const dec of ts.getDecorators(n) ?? []) {
          const e = dec.expression;
          if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Endpoint' && ts.isPropertyAccessExpression(e.arguments[0])) {
            derived[(e.arguments[0] as ts.PropertyAccessExpression).name.text] = codesOf(n);
          }
        }
      }
      ts.forEachChild(n, walk);
    };
    walk(sf);
  }
  return derived;
}

// ErrorCode key (as written in the server's code) of each code value
const keyOf = new Map(Object.entries(ErrorCode).map(([k, v]) => [v as string, k]));
let derived: Record<string, string[]>;
beforeAll(() => {
  derived = deriveRouteErrors();
});

it('finds a handler for every route of the contract, and the codes thrown several calls deep', () => {
  expect(Object.keys(derived).sort()).toEqual(Object.keys(routes).sort());
  // BookingService.create → the slot check → SLOT_FULL; the rate limiter's consume → RATE_LIMITED
  expect(derived.createBooking).toEqual(expect.arrayContaining(['SlotFull', 'RateLimited', 'IdempotencyKeyReused']));
  expect(derived.addFamilyMember).toEqual(expect.arrayContaining(['IdNumberInvalid', 'FamilyMemberDuplicate', 'FamilyMemberLimit']));
  expect(derived.logout).toEqual([]);
});

it('ROUTE_ERRORS lists exactly the codes the server code can throw for each route', () => {
  const listed = Object.fromEntries(Object.entries(ROUTE_ERRORS).map(([name, codes]) => [name, codes.map((c) => keyOf.get(c)!).sort()]));
  // on a mismatch, the expected side is the table to write into route-errors.ts
  expect(listed).toEqual(derived);
  expect(Object.keys(listed).sort()).toEqual((Object.keys(routes) as RouteName[]).sort());
});
