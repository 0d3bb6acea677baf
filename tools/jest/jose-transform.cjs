// Turns jose's ES modules into CommonJS for jest with native class fields. The preset's ts-jest
// transform uses the base `useDefineForClassFields: false`, which moves jose's field
// initialisers in front of a super() call written inside a comma expression, so every jose
// error (expired token, wrong issuer...) turns into a ReferenceError. A second ts-jest entry
// cannot fix it: ts-jest caches one configuration per jest project.
const { createHash } = require('node:crypto');
const ts = require('typescript');

const compilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  allowJs: true,
  useDefineForClassFields: true,
  sourceMap: true,
};

module.exports = {
  process(sourceText, sourcePath) {
    const { outputText, sourceMapText } = ts.transpileModule(sourceText, {
      fileName: sourcePath,
      compilerOptions,
    });
    return { code: outputText, map: sourceMapText };
  },
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha256')
      .update(ts.version)
      .update(JSON.stringify(compilerOptions))
      .update(sourcePath)
      .update(sourceText)
      .digest('hex');
  },
};
