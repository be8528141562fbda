import type { Messages } from './index.js';

export const common: Messages = {
  zh: {
    appName: '网格化疫苗接种攻坚',
    'lang.switch': 'English',
    'login.title': '登录',
    'login.username': '用户名',
    'login.password': '密码',
    'login.submit': '登录',
    'login.demoHint':
      '演示库账号：commander、township-lead、grid-member、site-staff、driver 等，密码 gridvax-demo',
    logout: '退出',
    loading: '加载中…',
    offline: '离线',
    online: '在线',
    retry: '重试',
    'nav.command': '指挥部',
    'nav.field': '入户摸排',
    'nav.site': '接种点',
    'nav.driver': '接送',
    'error.generic': '出错了',
  },
  en: {
    appName: 'gridvax vaccination drive',
    'lang.switch': '中文',
    'login.title': 'Sign in',
    'login.username': 'Username',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.demoHint':
      'Demo accounts: commander, township-lead, grid-member, site-staff, driver …, password gridvax-demo',
    logout: 'Sign out',
    loading: 'Loading…',
    offline: 'Offline',
    online: 'Online',
    retry: 'Retry',
    'nav.command': 'Command',
    'nav.field': 'Field',
    'nav.site': 'Site',
    'nav.driver': 'Rides',
    'error.generic': 'Something went wrong',
  },
};
