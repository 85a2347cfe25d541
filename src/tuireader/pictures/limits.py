"""How much of a picture tuireader takes: the bounds a hostile image or page cannot push past."""

MAX_PIXELS = 25_000_000  # width x height decoded at most (5000 x 5000): more is drawn as alt text
MAX_IMAGE_BYTES = 10 * 1024**2  # one image, as it came over the network
MAX_ARTICLE_IMAGE_BYTES = 40 * 1024**2  # all the images of one article
MAX_ARTICLE_IMAGES = 60  # images fetched for one article (the lead first, then in body order)
