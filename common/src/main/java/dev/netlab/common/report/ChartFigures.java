package dev.netlab.common.report;

import java.awt.Color;
import java.io.IOException;
import java.util.Base64;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * How netlab's HTML pages show an XChart chart: one look (white, legend below), drawn as a PNG
 * and embedded as a data URI in an {@code <img>} whose alt text is the chart's title, so a page
 * opens offline and a test can find each chart by its title. Stateless.
 */
public final class ChartFigures {

    /** Size of every chart: readable on a laptop screen, and the size tests expect images to decode at. */
    public static final int WIDTH = 860;
    public static final int HEIGHT = 420;

    private ChartFigures() {
    }

    /** netlab's chart look: white background, legend under the plot. */
    public static void style(Chart<?, ?> chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
    }

    /** The chart as an HTML figure with its PNG inline. */
    public static String figure(String title, Chart<?, ?> chart) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
        return "<figure class=\"chart\"><img alt=\"" + escape(title) + "\" width=\"" + WIDTH + "\" height=\"" + HEIGHT
                + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"></figure>\n";
    }

    /** Text made safe for HTML element content and attribute values. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
