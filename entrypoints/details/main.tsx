import '@/components/base.css';
import { mountPage } from '@/utils/ui/mount';
import { App } from './app';

mountPage('detailsTitle', () => <App search={location.search} />);
