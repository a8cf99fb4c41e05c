import '@/components/base.css';
import '@/components/exposure.css';
import { mountPage } from '@/utils/ui/mount';
import { App } from './app';

mountPage('optionsTitle', () => <App />);
