import { SafeHtml } from './html.js';

/**
 * The icon of every page Sila serves (issue 27 §8: no 404 and no console error for a missing
 * favicon): two linked rings — صلة, "a link" — white on the default teal. One drawing in three
 * forms, because browsers differ: the SVG for current browsers, an .ico (one 32 px PNG inside) for
 * those that ask for `/favicon.ico` on their own, and a 180 px PNG for iOS home screens. The PNGs
 * were drawn from the SVG by Chromium (the apple-touch-icon without rounded corners: iOS rounds them).
 */
export const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#087f5b"/><g fill="none" stroke="#fff" stroke-width="6"><circle cx="24" cy="32" r="12"/><circle cx="40" cy="32" r="12"/></g></svg>';

const PNG_32 = [
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAADeUlEQVR4nMSXa0gUURiG3zM77RpdsLKLummZRSmK0UWLrtCFRLpQ',
  'ZCmZlVCUIPkjhEA3iaA/WRYlKJKEJVJJBClioERoUnj3l5f1kjcKNMnW207nDM7o7s6MC+ru8+uc886e751z5vvOHh4zMcV7egjj',
  'twUgggBhdGQN5ocBOmctnbPKQhZlwPRyUBKI1DCkxp4gRMihQz5YUIQeQSAJo+n5xbIBQ2rMcUJICVyIICCSmSBIiVnhoSdN1Io3',
  'XIrQYyHjIbzBg1yG4OrgDOJjgD6OI1ZEwE2w2BxdCrcZYLF5EOIPd0Fj8848t9ywGKHr/BC0Zr3Ybx7oQn1fJ/6M/nNK10LTAM/p',
  '8ODYRSSGH6dmiY0m0DzKrCoGT3S4GX5MUX9c+QmpZYWYsE6qxiAeabGCkuDv6YXCC8nim82Fur4OnH/zCJ1Dv+G0AR3HoSLBhB0+',
  'AfJYeXsTGvu7xHboWj8c2Bhk85vy9maqd4rtEKofnKF//9mGAzlp4qrYo7gFKftPycF/jQwj/t1zfG5tkPW7B884GmhrwsMvH+T+',
  'kU0hyDt3CysXL8VO3wDc2XfSRpfg7AfYXibtjZT7195n2QS31yWS90XZ9MvobxI/5qrqqgaCVhuxjH7VjG/dLShtqdPU2R4zWCZs',
  'XmVbUIuaqzV1RQMR6zfL7dpeM2bTf9D9ldjjt8Xh+dl0zTTk7FJLSRcw/WHxnMP7zKo7GKjrM8vt7d4bMZuu101PUdPT7vD8Lt9A',
  'Td3BUm1vB6xT6cK+3hNbwjR1qU6wsYapNJU4GxyuqSsaYFXrRXWp3M8+fUNMKTVdIrOy2KbiHQ0MRWbUFVVdQrEQsWWtvH6f1naj',
  'PMYKEXsDto/bvIw4FGBbByrMzWL9Z/pWL18cDgiWNZYJ+7NTMT7ppAGGv+dqFEQnIcx7A+ZCTa8Z0QUZ6FIpxTr+UKhJSRiyjCCv',
  'pgJL9AaEGwMVD5unVSWo7m7FbuMmRf0JXfa4t88waPkLNVRXYCbScRtMj1v2cBPdinpa94ftjmM1XQunDCwkHF2rfrgLGptjNxa4',
  'CRabI240wGJz4KxZ1MkgXIwYk8bmLKYCM82Yq3AxNE3jWWyxFI+l5xexuxq7LmHBYZdTRI6lvxb/Humk4cmKhpaJwztyeVjH6PKM',
  '0v1ZRoeXYH5g1/OvdM58C9Ffmrz3qlES/gMAAP//61syggAAAAZJREFUAwCN/nz8IYrTnwAAAABJRU5ErkJggg==',
].join('');

const PNG_180 = [
  'iVBORw0KGgoAAAANSUhEUgAAALQAAAC0CAIAAACyr5FlAAANwElEQVR4nOzdCVRXVR4H8B+yCAJ/BRFQDBFcU1Fcyj1zmRK3Jpd0',
  'nNTK8tRky5Q2Vk46lmMzMpUnbcqWk1Cp5VbI4pKSGoogJCHyR4RYZd/3xbnFOQ4DXoZ37+8t1O9zOB06pw7f/////b93333v3Wdl',
  '+9pyIOR2ugAhHFQOwkXlIFxUDsJF5SBcVA7CReUgXFQOwkXlIFxUDsJF5SBcVA7CReUgXFQOwkXlIFxUDsJF5SBcVA7CReUgXFQO',
  'wkXlIFxUDsJF5SBcVA7CReUgXFQOwkXlIFxUDsJF5SBcVA7CReUgXFQOwkXlIFxUDsJF5SBcVA7CReUgXFQOwkXlIFxUDsJF5SBc',
  'VA7CReUgXFQOwkXlIFxUDsJlBZ2fs52Dq0N3Zzv7ourKvIrSouoK0INBYiDqTOXoZt31voEjR/X26mNycrPvzj6JXvamPo5Obf/L',
  '7PJi9vHkVbKfsuyy4tjs1GPXLlfV1wIGg8TQQCcoR1+T8/yhY/0H+U3xGmpj2aHA7KNq9WnVNTZ8l5Z4NOlS8NWYzLIiUM4gMbRk',
  'YcwnNVlYWIzvO9B/sB/7MO507QuoEvIyjibFhiRdispKuXnzJhg+hl6MWI55Q8ZsnbVsQE93UJm5IOcvxz4LNceBgWPoyFjlYN/O',
  'd+c+OsFzEGjoTFriC6GB8bnpRouhO6OUw9Xe9MasZctHTmZbctBc082bgXHfbTr5ZdPNJiPEuFFRAgagfzlsraxfnDzv+Ulz2FEA',
  '6Kq+sREswLqLJeiqsq424Ow3b0eGVNfXga50LoeHySlkxcuDXHoD+V9sIOK/Z2tWWTHoR88ZUl93z7NPbKFm3BZ7W9ibM7SXB+hH',
  't3Lc6z3s1GOvuTv0AMLB3pyI1Zsm9xsCOrG0muYLmntoxMS9Dz3X1coaSLvYW7TMd2JSQXZifhZoTodybJj6wFtzVnbR43CgM7Ls',
  '0uXBO++qbWz4Pt0M2tK6HJtnLHl52u+BKMGOq6d7D7e2tDydegU0pGk5loyYsP3+h4EIYYOPlKIbP+ZmgFa0G5CO7tP/wwfWAJHw',
  'wYInxvTpD1rRqBxsPuPIH9dbW/4aLh/REXsDDy1f52FyBk1osVuxt+l64pGNnj1cQB0VdTXpJQXmwpyahnobKysbnSqoTQz2Zs4a',
  '4BsYd6a+qRFUpsX7GLho7RDUyZzIDPO31xPOpl3NLCvMLitudfkMm4bvY3Lqa+o52WvITJ8Rd/cdAOrQKwabGQtc/PTCzwNAZapP',
  'n78xa+mfJ80FDHvjv//qx/OnUxPY2YeO/18ONrZswu31mUuxpmLZlMPGE/vEYrAJnoXD7gYMAeeCXz2+F9Sk7paDDUJRmhGTff2Z',
  '4E8uZaeCcmxrn1VWhDhJz764uRUliprRHOObqzHs593zYQGzV4yWHle+MGnu4StR0VnXQTXqjjmCFq+9o7vUUCOtOP/p4I/XhQXl',
  'lIufxZaP0QqrGju3DkIyy4o+jjmVXJAzxsOnu203kCAToyNUPFph46aJnoNBwuHEi3471x9IuAAS5GO0xaYc2DACJOz/MdLv3fUh',
  '5liQIB+jfSqWY+usZSCqsanpleN7l+17h438QY5MjHawsRTIYQNYNqj85Qoj8QtI5WO0Q61yLBo2frjbHSCkpKZyTuC2f50LBmky',
  'Mdrn694PZWj55pkjC4L+UVZbDUKwYtyWKuVgJ9W2zFwCQmob6ufs2RaBcRJBJkZHbJn5EMrpwxMp8f6fbq0V3UZixWhLlXKsGj3N',
  'y8kVhKw6sEvsqAQ3Rkf0d3Jd6TcNMMRkpz568D0QghijFVXKsWbcLBCyNeIQG4QCEuEYCv7EXTMBycErUWwXA0IQY7SEX47ejj18',
  '3T1BOTZ033LqACARjqHISPd+Lt0cAQkbnAYnXQLlcGPcgl+O2YP8QDk2Ilt1YCfgEYshYN6QsYDnsYPvldZUgXK4MZoZpRzbIg6X',
  '19YAHs3KMXvQKMDDviQBZ78B5XBjNEMuh7Wl5XTvYaBQXmXprqhjgEcsRn5lWW5FKSjE/hDuCdgd58OMEAPQyzGt/zCBe5M2nfyq',
  'VnqySz7Gaye//Nupr0AhexvbqV5DAQ97K4wQA9DLIbBxq66vC/oB+QSBcAx2qkJg/Qz0XZhBYiCXY8HQcaBQaHLcz/chGiMG+zl2',
  '7TIodP/AkYDKIDEwy2HqanfbBW7aF3w1BlBJxghRfjDp7ezmYGMLqIwQA7McLvYmUIidYAtOQi6HZAw23SKwlEov5X+0fUaIgVkO',
  'V+XJzqUn4R7ByscorKo4n5kMCqGXwwgxULccyifpYnNwTqPgxojLSQOF0MthhBiYR8a97LuDQgWV5YBNPkZ+RRkopMbste4xcMuh',
  'OFlepeLXr0GM/CrFlXVVYcuhewzccihOVqBKOWRj5FcqnqB0UaMcesfALIdAsnwVyiEfQ2Bnp8aYQ/cYmOUQOPSyUmEBLvkYTcZY',
  'FVT3GJjlyFO+GXR1wP/Cycdwc1A8pBU4VfZ/6R4Dsxy55co/FeVHFhrEEPpU8BeH1D2GzlsOgdevQQw3R8Urlamy5dA7BuqWo0Jg',
  'e67ClkM6hpvy7Zkay8rqHkPncox07wfY5GOM6u0FCuVV4B926R4Dc/pcYHs+zsMHfW5RMkbPbg4CdzmjjzmMEAOzHOwrq/Qw0sLC',
  'Av3iR8kYAlfqsj9XUIV8HsAIMZAv9olXvpzZ/SpcCSwTQ6CssTlpgM0IMZDLEZas+KEh9w3wRb+bTziGtaWlwH3r4dd+AFQGiYFc',
  'jmPJivPZ29ii380nHGOV3zSBK5PDsZ+jY5AYyBezR2aYS2uqlK5JsmnGon3x3yM+GU8sxuYZiwWm89kfupB5DfA4drXdPEPx/d/o',
  'MQB9y8FOBxxPUXxlLJugXDdlPuARi8HOWjnZ2YNCocnI39f1UxYYIQaoccdbuFlkz/fcxNkCVwWjxxD6Q5ifSm/HHs9OmA3KhZs7',
  'QznChCpsa2Xz6aI/IY5Mw1T4JrXFjh4ll25qib38oMVrBZbyxY3x3zyAjR1qiy2wMbnfkH/irYwuHEORi1kpwovytPWW/0qx5ctw',
  'Y9yiyvocH1w8AUKeuvt3D4+aCkiEY3Tc7osnAcnykZOfGCe4zAZijJZUKceeuO/MBTkgZOe8RwXOKaDH6IjkwpzPLp8FDGM9vN+b',
  'vxqEIMZoRZVysF3gX0/uAyFsjxu+6hWUZ1fJxOiIDce+QHmSNHuxR1dsEH5qAFaMttRaTfBIYnRMtuDiuqaudqErNzw+dgZIk4nR',
  'vtic1KNCq/C0wvakYStfZi8ZhGDFuC0V1yFdFxYEothk1I65j7y/4HH54xeZGO14PmQPyLHs0oW9wIDZK9gvIEo+RjtULEdkuvm4',
  '8lvFW1rhd0/MU9skdzHyMdoKNcddyFB8r2JL9w0cefHJv7MXCBLkY7RP3bXPL9/4SXgE3szF3rTCb+pdfX1is9MKRc9Hy8doZem+',
  't4Vvqhjs0ueLJc+8NHWB/G0EMjE6Qt1ysOhsvzBFesUZH2d3NgTpY3KKyrxWpfwh3mzPNN1nONYzbNn0yUfR3wrEcLU3Bfiv2DV/',
  'tZdTL5C25dSBg1eiQE1aPK5839Ln5iOtdVff2MhOL0WkJpxOTWC/tLPqCzvrPb7vwHu8h93bf9g4Dx/2r4BH9xiHrkT9Yf8OUJkW',
  '5bCztolYvWmEG/6qoBV1NeW1NZXsn3U17HcHG1tHG1uHrrbsF/TVVIwTIzYnbfpHm2tQV1G7LS3KAT8/ANA5cs3ratwz+Ftzo6Jk',
  '/L9fUeNOiLY0ejpkVlnRg59vr29sACKhtqF+XuCb2jQDtHyubHTW9Se//hCIhFUHdmn50GFNn0gdn5tua2WN/tyk34itEYc0OJXY',
  'ktbPsj91PaG0pmqG93CVHhHyq9TY1PRS+GfbhZa9lqF1ORg2VxGZYV4wdJwNPaC6A8pqqxd+EbA/PhI0p92YoyW2/Zj0wcafSvKB',
  'tIu9RRPef5W9XaAHfcrBmAty2CHZ+QwzEI4zaYnsLbpelAs60WG3cgubxgn64Yy3k+twN9WfmtPp7ImNWLb/nWr1Z7raoWc54Jfr',
  'cY4kRl/MTPF191RjIRdF0orzS2ure8g9CFgeO1hdffj9dyJDdV97SudyNEspyt0d/W16aeEYD29H0cteZGSWFb0YGrjm6907L4Tr',
  'HmPt0U9S9NuVtKTR9HkHsVmQZyf4vzB5rmafDTsW2H7m6x3nw1o+8MUgMXRnrHI0c7Zz2HjvwtVjp6ux1uAt7FTq7uiTb5w+WFRd',
  'AQaOoSMjlqOZk5397IGj/AePnjXA14T3DWZTcMdTLockxYaaY0s68Kg9g8TQhXHLcQv74k7qN3jO4NH+g/x8nN1AyLXCGyHm2KNJ',
  'l86lJ7EJR1DOIDG01AnK0RI7lOjv5Orl5Nr/559ezb94dne5dRFNXWNDeklBWkl+anEeO/pg//zllzzcb6dBYqitk5WDx7N7T3dH',
  'pxvlxexYA/RjkBhYfiXlIGrQbfqcGB+Vg3BROQgXlYNwUTkIF5WDcFE5CBeVg3BROQgXlYNwUTkIF5WDcFE5CBeVg3BROQgXlYNw',
  'UTkIF5WDcFE5CBeVg3BROQgXlYNwUTkIF5WDcFE5CBeVg3BROQgXlYNwUTkIF5WDcFE5CBeVg3BROQgXlYNwUTkIF5WDcFE5CBeV',
  'g3BROQgXlYNwUTkIF5WDcFE5CBeVg3BROQgXlYNw/QcAAP//w2D/OwAAAAZJREFUAwCWe0rPd6AqCQAAAABJRU5ErkJggg==',
].join('');

export const ICON_PNG_32 = Buffer.from(PNG_32, 'base64');
export const APPLE_TOUCH_ICON = Buffer.from(PNG_180, 'base64');

/** An ICO file holding one 32×32 PNG image (allowed in ICO since Windows Vista; every browser reads it). */
function icoOf(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6); // width
  header.writeUInt8(size, 7); // height
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9); // reserved
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14); // image size
  header.writeUInt32LE(22, 18); // image offset
  return Buffer.concat([header, png]);
}

export const ICON_ICO = icoOf(ICON_PNG_32, 32);

/** The `<link>` elements for a page's `<head>`. */
export const ICON_LINKS = new SafeHtml(
  '<link rel="icon" href="/favicon.ico" sizes="32x32"><link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="apple-touch-icon" href="/apple-touch-icon.png">',
);
