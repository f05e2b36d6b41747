import { Button } from 'antd';
import { useI18n } from './i18n';

/** One button that switches between Chinese and English, labelled with the language it switches to. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <Button
      type="text"
      lang={language === 'zh' ? 'en' : 'zh-CN'}
      title={t('language.switchHint')}
      onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}
    >
      {t('language.other')}
    </Button>
  );
}
