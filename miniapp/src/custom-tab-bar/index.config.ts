// apply-shared: the bar's styles (CSS modules) are compiled into the app's shared stylesheet, which an isolated
// component would not see
export default { component: true, styleIsolation: 'apply-shared' };
