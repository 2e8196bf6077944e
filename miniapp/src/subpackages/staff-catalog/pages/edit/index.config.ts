export default definePageConfig({ navigationBarTitleText: '修改证明事项' });
