// H5: Taro draws Taro.showModal itself with small grey text (WeChat's own dialog follows the phone's font size). The
// app's dialogs speak to elderly residents, so on H5 they get large type and full-contrast text (tokens.scss values).
const CSS = `
.taro-modal__content{width:88%!important;max-width:640px!important;border-radius:16px!important}
.taro-modal__title{font-size:24px!important;font-weight:700!important;color:#1a1a1a!important;line-height:1.4!important;padding:24px 20px 8px!important}
.taro-modal__text{font-size:21px!important;color:#1a1a1a!important;line-height:1.6!important;padding:8px 20px 24px!important;text-align:left!important}
.taro-model__btn{font-size:22px!important;font-weight:700!important;min-height:64px!important;line-height:64px!important}
.taro-model__cancel{color:#1a1a1a!important}
.taro-model__confirm{color:#0b57d0!important}
`;

export function installLargeDialogs(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  const style = document.createElement('style');
  style.textContent = CSS;
  document.head.appendChild(style);
}
