"""The geometry the browser tests judge figures by, on handmade boxes."""

from tests.svg_text import core, inside, overlap, problems


def square(x, y, w, h):
    return [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]


def test_boxes_that_share_area_overlap_and_boxes_apart_do_not():
    assert overlap(square(0, 0, 10, 10), square(5, 5, 10, 10))
    assert not overlap(square(0, 0, 10, 10), square(11, 0, 10, 10))
    assert not overlap(square(0, 0, 10, 10), square(10, 0, 10, 10))  # touching edges


def test_rotated_labels_side_by_side_do_not_overlap_though_their_upright_boxes_would():
    # two 45-degree labels 20 px apart (14 px across): their upright boxes overlap, not they
    def slanted(x):
        return [(x, 0), (x + 70, -70), (x + 78, -62), (x + 8, 8)]

    a, b = slanted(0), slanted(20)
    assert not overlap(a, b)
    assert overlap(a, slanted(4))


def test_the_line_gap_of_stacked_lines_is_not_an_overlap():
    upper, lower = square(0, 0, 50, 12), square(0, 10, 50, 12)  # boxes share 2 px
    assert overlap(upper, lower)
    assert not overlap(core(upper), core(lower))


def test_inside_allows_one_pixel_and_no_more():
    assert inside(square(0, 0, 10, 10), (0, 0, 10, 10))
    assert inside(square(-1, 0, 10, 10), (0, 0, 10, 10))
    assert not inside(square(-3, 0, 10, 10), (0, 0, 10, 10))


def test_problems_names_small_overlapping_and_clipped_text_and_a_picture():
    figure = {
        "id": "fig-x",
        "svg": True,
        "box": (0, 0, 100, 100),
        "frame_width": 100,
        "texts": [
            {"text": "a", "size": 12, "corners": square(10, 10, 30, 12)},
            {"text": "b", "size": 9, "corners": square(20, 12, 30, 12)},
            {"text": "c", "size": 12, "corners": square(90, 50, 30, 12)},
        ],
    }
    found = problems(figure, 11)
    assert "fig-x: 'b' is 9.0 px < 11 px" in found
    assert "fig-x: 'a' overlaps 'b'" in found
    assert "fig-x: 'c' is clipped (outside the drawing)" in found
    assert len(found) == 3
    assert problems({"id": "fig-y", "svg": False, "img": "a.png"}, 11) == [
        "fig-y: not an inline SVG (img: a.png)"
    ]
