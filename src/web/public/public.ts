// The public home is rendered on the server; this entry only brings its styles and font.
import './public.css';
