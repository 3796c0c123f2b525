import './styles/main.css';
import './styles/record-cards.css';

import { createPinia } from 'pinia';
import { createApp } from 'vue';

import { configureRequest } from '@/api/request';
import { i18n } from '@/locales';
import { router } from '@/router';
import { useLocaleStore } from '@/stores/locale';
import { useSessionStore } from '@/stores/session';

import App from './App.vue';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);

const locale = useLocaleStore(pinia);
const session = useSessionStore(pinia);

configureRequest({
  locale: () => locale.locale,
  // The session expired or was revoked while the app was open: start again at sign-in
  // and come back to this page afterwards.
  onUnauthorized: () => {
    session.clear();
    const current = router.currentRoute.value;
    if (!current.meta.public) {
      void router.replace({ name: 'login', query: { redirect: current.fullPath } });
    }
  },
});

app.use(router);
app.mount('#app');
