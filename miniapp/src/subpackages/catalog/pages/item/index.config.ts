export default definePageConfig({ navigationBarTitleText: '证明怎么办' });
