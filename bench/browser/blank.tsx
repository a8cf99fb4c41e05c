/** The popup benchmark's baseline: a blank Preact page (one element, nothing asked of the background). */
import { render } from 'preact';

render(<p id="bench-blank-rendered">blank</p>, document.getElementById('app')!);
