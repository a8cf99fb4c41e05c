import '@/components/base.css';
import '@/components/exposure.css';
import './style.css';
import { mountPage } from '@/utils/ui/mount';
import { App } from './app';

mountPage('popupTitle', () => <App />);
