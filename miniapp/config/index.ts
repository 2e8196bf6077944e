import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

class BuildStats {
  constructor(private readonly file: string) {}
  apply(compiler: { hooks: { done: { tap(name: string, fn: (stats: { toJson(o: object): unknown }) => void): void } } }) {
    compiler.hooks.done.tap('jb-build-stats', (stats) => {
      writeFileSync(this.file, JSON.stringify(stats.toJson({ all: false, chunks: true, chunkModules: true, nestedModules: true, ids: true, modules: false, assets: true, entrypoints: true })));
    });
  }
}

// the route summaries in `shared` are for the server's API document only (config/strip-route-summaries.cjs)
function stripRouteSummaries(chain: { module: any }) {
  chain.module
    .rule('jb-strip-route-summaries')
    .test(/\.js$/)
    .include.add(resolve(__dirname, '../../shared/dist/esm'))
    .end()
    .use('strip')
    .loader(resolve(__dirname, 'strip-route-summaries.cjs'));
}

// Taro 4 config: https://docs.taro.zone/docs/config
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'jianban',
    date: '2026-11-27',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // JB_OUT_DIR lets parallel builds (e.g. two e2e runs) write to separate directories
    outputRoot: process.env.JB_OUT_DIR ?? (process.env.TARO_ENV === 'h5' ? 'dist/h5' : `dist/${process.env.TARO_ENV}`),
    plugins: [],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    // Taro's H5 terser defaults set quote_keys, which turns class private fields (#x, used by TanStack Query)
    // into `#"x"`: a syntax error that leaves the page blank
    terser: { enable: true, config: { output: { quote_keys: false, ascii_only: false } } },
    mini: {
      webpackChain(chain) {
        stripRouteSummaries(chain);
      },
      // CSS modules: class names never collide, so the order of component styles across chunks does not matter
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: true,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      webpackChain(chain) {
        stripRouteSummaries(chain);
        // JB_BUILD_STATS=<file>: write which modules ended up in which chunk (to see what makes the first screen heavy)
        if (process.env.JB_BUILD_STATS) chain.plugin('jb-build-stats').use(BuildStats, [process.env.JB_BUILD_STATS]);
      },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        // 1rem = 40px/750 of the screen width; capped at 24px so the staff console on a PC is not huge
        pxtransform: { enable: true, config: { maxRootSize: 24 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: true,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
